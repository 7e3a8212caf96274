// Mesh vertex shader: world-space normal for lighting, clip position from the pushed MVP.
#version 450
layout(location = 0) in vec3 in_pos;
layout(location = 1) in vec3 in_normal;
layout(push_constant) uniform Push {
    mat4 mvp;        // clip from shape
    vec4 rot[3];     // xyz: columns of world-from-shape rotation; w: light direction (world)
    vec4 color;      // RGBA
} pc;
layout(location = 0) out vec3 out_normal;
void main() {
    out_normal = pc.rot[0].xyz * in_normal.x + pc.rot[1].xyz * in_normal.y + pc.rot[2].xyz * in_normal.z;
    gl_Position = pc.mvp * vec4(in_pos, 1.0);
}
